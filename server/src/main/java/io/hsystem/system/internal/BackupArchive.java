package io.hsystem.system.internal;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The payload of a backup file: a ZIP whose entries are the database tables ({@code db/…}) and
 * files ({@code files/…}), closed by {@code manifest.json}, which lists every entry with its
 * SHA-256. Reading checks every entry against the manifest, refuses unlisted, missing or oddly
 * named entries, and unpacks into a folder only under names it validated.
 */
public final class BackupArchive {

  static final String MANIFEST = "manifest.json";
  private static final Pattern ENTRY =
      Pattern.compile("(db|files)/[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private BackupArchive() {}

  /** Writes entries; {@link #finish} adds the manifest. */
  public static final class Writer {
    private final ZipOutputStream zip;
    private final Map<String, Map<String, Object>> entries = new LinkedHashMap<>();

    public Writer(OutputStream payload) {
      this.zip = new ZipOutputStream(payload);
      zip.setLevel(Deflater.BEST_SPEED);
    }

    /** Adds one entry written by {@code body}; returns the details recorded in the manifest. */
    public Map<String, Object> add(String name, EntryBody body) throws Exception {
      if (!ENTRY.matcher(name).matches() || name.contains("..")) {
        throw new IllegalArgumentException("bad entry name " + name);
      }
      zip.putNextEntry(new ZipEntry(name));
      MessageDigest sha = sha256();
      long[] size = {0};
      OutputStream counted =
          new FilterOutputStream(new DigestOutputStream(zip, sha)) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
              out.write(b, off, len);
              size[0] += len;
            }

            @Override
            public void close() {
              // the entry is closed by the writer, not by the body
            }
          };
      Map<String, Object> details = new LinkedHashMap<>();
      body.write(counted, details);
      counted.flush();
      zip.closeEntry();
      details.put("size", size[0]);
      details.put("sha256", HexFormat.of().formatHex(sha.digest()));
      entries.put(name, details);
      return details;
    }

    /** Writes the manifest (the given fields plus the entry list) and closes the payload. */
    public void finish(Map<String, Object> manifest) throws IOException {
      Map<String, Object> all = new LinkedHashMap<>(manifest);
      all.put("entries", entries);
      zip.putNextEntry(new ZipEntry(MANIFEST));
      zip.write(JSON.writeValueAsBytes(all));
      zip.closeEntry();
      zip.close();
    }
  }

  /** Writes one entry's bytes and may add details (row counts…) to its manifest record. */
  @FunctionalInterface
  public interface EntryBody {
    void write(OutputStream out, Map<String, Object> details) throws Exception;
  }

  /**
   * Unpacks a payload into {@code folder} (which must be empty), checking it against its manifest,
   * and returns the manifest. Reads the payload to its end, so that the backup file's last chunk is
   * authenticated too.
   *
   * @throws BackupFile.BackupFileException {@code DAMAGED} when anything does not match
   */
  public static JsonNode unpack(InputStream payload, Path folder, long maxBytes)
      throws IOException {
    ZipInputStream zip = new ZipInputStream(payload);
    Map<String, String> digests = new LinkedHashMap<>();
    JsonNode manifest = null;
    long total = 0;
    ZipEntry entry;
    while ((entry = zip.getNextEntry()) != null) {
      String name = entry.getName();
      if (manifest != null) {
        throw damaged("an entry follows the manifest");
      }
      if (name.equals(MANIFEST)) {
        manifest = JSON.readTree(zip.readNBytes(16 * 1024 * 1024));
        continue;
      }
      if (!ENTRY.matcher(name).matches() || name.contains("..") || digests.containsKey(name)) {
        throw damaged("unexpected entry " + name);
      }
      Path target = folder.resolve(name).normalize();
      if (!target.startsWith(folder)) {
        throw damaged("unexpected entry " + name);
      }
      Files.createDirectories(target.getParent());
      MessageDigest sha = sha256();
      try (OutputStream out = new DigestOutputStream(Files.newOutputStream(target), sha)) {
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = zip.read(buffer)) > 0) {
          total += n;
          if (total > maxBytes) {
            throw damaged("the backup unpacks to more than " + maxBytes + " bytes");
          }
          out.write(buffer, 0, n);
        }
      }
      digests.put(name, HexFormat.of().formatHex(sha.digest()));
    }
    payload.transferTo(OutputStream.nullOutputStream());
    if (manifest == null || !manifest.has("entries")) {
      throw damaged("the backup has no manifest");
    }
    List<String> listed = new ArrayList<>();
    for (Map.Entry<String, JsonNode> listedEntry : manifest.get("entries").properties()) {
      listed.add(listedEntry.getKey());
      String actual = digests.get(listedEntry.getKey());
      if (actual == null) {
        throw damaged("entry " + listedEntry.getKey() + " is missing");
      }
      if (!actual.equals(listedEntry.getValue().path("sha256").asString(""))) {
        throw damaged("entry " + listedEntry.getKey() + " does not match its checksum");
      }
    }
    if (!listed.containsAll(digests.keySet())) {
      throw damaged("the backup holds entries its manifest does not list");
    }
    return manifest;
  }

  private static BackupFile.BackupFileException damaged(String message) {
    return new BackupFile.BackupFileException(
        BackupFile.Failure.DAMAGED, "the backup is damaged: " + message);
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
