package io.hsystem.system.internal;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The encrypted backup file: a clear header, then the payload in AES-256-GCM chunks.
 *
 * <pre>
 * "HSBACKUP" | version (1 byte) | header length (4 bytes) | header (JSON, UTF-8)
 * chunk*     : ciphertext length (4 bytes) | ciphertext (plaintext + 16-byte tag)
 * </pre>
 *
 * The key is derived from the configured passphrase with PBKDF2-HMAC-SHA256 and the header's salt.
 * Each chunk's nonce is the header's 7-byte prefix, the chunk counter and a last-chunk flag, and
 * the whole header is every chunk's associated data (the STREAM construction of Hoang et al.): a
 * modified byte anywhere, reordered or dropped chunks and a cut-off tail all fail authentication.
 * The header also carries a key check value, so a wrong key is told apart from a damaged file
 * before anything is decrypted. Java's GCM buffers a whole message before releasing it, hence
 * chunks of {@value #CHUNK} bytes rather than one message.
 */
public final class BackupFile {

  static final int CHUNK = 1 << 20;
  private static final byte[] MAGIC = "HSBACKUP".getBytes(StandardCharsets.US_ASCII);
  private static final byte VERSION = 1;
  private static final int MAX_HEADER = 64 * 1024;
  private static final int ITERATIONS = 600_000;
  private static final int TAG_BITS = 128;
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final SecureRandom RANDOM = new SecureRandom();

  private BackupFile() {}

  /** Why a file could not be read. */
  public enum Failure {
    NOT_A_BACKUP,
    UNSUPPORTED_VERSION,
    WRONG_KEY,
    DAMAGED
  }

  /** A backup file that cannot be opened or whose content failed authentication. */
  public static final class BackupFileException extends IOException {
    private final Failure failure;

    BackupFileException(Failure failure, String message) {
      super(message);
      this.failure = failure;
    }

    public Failure failure() {
      return failure;
    }
  }

  /**
   * Starts a backup file: writes the header (the given metadata plus the key derivation parameters)
   * and returns the stream the payload is written to. Closing it writes the last chunk; an unclosed
   * file is refused when read.
   */
  public static OutputStream encrypt(OutputStream out, char[] passphrase, Map<String, ?> metadata)
      throws IOException {
    byte[] salt = random(16);
    byte[] prefix = random(7);
    byte[] key = deriveKey(passphrase, salt, ITERATIONS);
    Map<String, Object> header = new java.util.LinkedHashMap<>(metadata);
    header.put("kdf", "PBKDF2-HMAC-SHA256");
    header.put("iterations", ITERATIONS);
    header.put("salt", Base64.getEncoder().encodeToString(salt));
    header.put("nonce_prefix", Base64.getEncoder().encodeToString(prefix));
    header.put("chunk_size", CHUNK);
    header.put("key_check", Base64.getEncoder().encodeToString(keyCheck(key)));
    byte[] headerBytes = JSON.writeValueAsBytes(header);
    out.write(MAGIC);
    out.write(VERSION);
    out.write(ByteBuffer.allocate(4).putInt(headerBytes.length).array());
    out.write(headerBytes);
    return new EncryptingStream(out, key, prefix, headerBytes);
  }

  /** Reads only the clear header (no key needed): the metadata and key derivation parameters. */
  public static JsonNode readHeader(InputStream in) throws IOException {
    return JSON.readTree(headerBytes(new DataInputStream(in)));
  }

  /**
   * Opens a backup file for reading. The key is checked at once ({@link Failure#WRONG_KEY}); every
   * chunk is authenticated as it is read, and a failure surfaces as a {@link BackupFileException}
   * ({@link Failure#DAMAGED}) from {@code read}.
   */
  public static Opened decrypt(InputStream in, char[] passphrase) throws IOException {
    DataInputStream data = new DataInputStream(in);
    byte[] headerBytes = headerBytes(data);
    JsonNode header;
    try {
      header = JSON.readTree(headerBytes);
      byte[] salt = Base64.getDecoder().decode(header.get("salt").asString());
      byte[] prefix = Base64.getDecoder().decode(header.get("nonce_prefix").asString());
      byte[] check = Base64.getDecoder().decode(header.get("key_check").asString());
      int iterations = header.get("iterations").asInt();
      if (prefix.length != 7 || iterations < 10_000 || iterations > 10_000_000) {
        throw new BackupFileException(Failure.DAMAGED, "the backup's header is damaged");
      }
      byte[] key = deriveKey(passphrase, salt, iterations);
      if (!MessageDigest.isEqual(check, keyCheck(key))) {
        throw new BackupFileException(
            Failure.WRONG_KEY,
            "the backup key does not open this backup (or its header is damaged)");
      }
      return new Opened(header, new DecryptingStream(data, key, prefix, headerBytes));
    } catch (BackupFileException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new BackupFileException(Failure.DAMAGED, "the backup's header is damaged");
    }
  }

  /** An opened backup: its header and its authenticated payload. */
  public record Opened(JsonNode header, InputStream payload) {}

  private static byte[] headerBytes(DataInputStream in) throws IOException {
    byte[] magic = new byte[MAGIC.length];
    try {
      in.readFully(magic);
      if (!Arrays.equals(magic, MAGIC)) {
        throw new BackupFileException(Failure.NOT_A_BACKUP, "not an H-System backup file");
      }
      int version = in.readUnsignedByte();
      if (version != VERSION) {
        throw new BackupFileException(
            Failure.UNSUPPORTED_VERSION, "backup format version " + version + " is not supported");
      }
      int length = in.readInt();
      if (length <= 0 || length > MAX_HEADER) {
        throw new BackupFileException(Failure.DAMAGED, "the backup's header is damaged");
      }
      byte[] header = new byte[length];
      in.readFully(header);
      return header;
    } catch (EOFException e) {
      throw new BackupFileException(Failure.NOT_A_BACKUP, "the file is too short to be a backup");
    }
  }

  static byte[] deriveKey(char[] passphrase, byte[] salt, int iterations) {
    try {
      SecretKeyFactory factory = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
      return factory.generateSecret(new PBEKeySpec(passphrase, salt, iterations, 256)).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2-HMAC-SHA256 is unavailable", e);
    }
  }

  private static byte[] keyCheck(byte[] key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal("hsystem-backup key check".getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }

  private static byte[] random(int n) {
    byte[] bytes = new byte[n];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  private static byte[] nonce(byte[] prefix, long counter, boolean last) {
    if (counter > 0xFFFF_FFFFL) {
      throw new IllegalStateException("backup larger than 4 Ti chunks");
    }
    return ByteBuffer.allocate(12)
        .put(prefix)
        .putInt((int) counter)
        .put((byte) (last ? 1 : 0))
        .array();
  }

  private static Cipher cipher(int mode, byte[] key, byte[] nonce, byte[] aad) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(aad);
      return cipher;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is unavailable", e);
    }
  }

  private static final class EncryptingStream extends OutputStream {
    private final OutputStream out;
    private final byte[] key;
    private final byte[] prefix;
    private final byte[] aad;
    private final byte[] buffer = new byte[CHUNK];
    private int filled;
    private long counter;
    private boolean closed;

    EncryptingStream(OutputStream out, byte[] key, byte[] prefix, byte[] aad) {
      this.out = out;
      this.key = key;
      this.prefix = prefix;
      this.aad = aad;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      ensureOpen();
      while (len > 0) {
        if (filled == CHUNK) {
          // a full chunk is written only once more data follows, so the last one is always flagged
          seal(false);
        }
        int n = Math.min(len, CHUNK - filled);
        System.arraycopy(b, off, buffer, filled, n);
        filled += n;
        off += n;
        len -= n;
      }
    }

    private void seal(boolean last) throws IOException {
      try {
        byte[] sealed =
            cipher(Cipher.ENCRYPT_MODE, key, nonce(prefix, counter++, last), aad)
                .doFinal(buffer, 0, filled);
        out.write(ByteBuffer.allocate(4).putInt(sealed.length).array());
        out.write(sealed);
        filled = 0;
      } catch (GeneralSecurityException e) {
        throw new IOException("cannot encrypt the backup", e);
      }
    }

    private void ensureOpen() throws IOException {
      if (closed) {
        throw new IOException("backup stream closed");
      }
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }

    @Override
    public void close() throws IOException {
      if (closed) {
        return;
      }
      seal(true);
      closed = true;
      Arrays.fill(key, (byte) 0);
      out.close();
    }
  }

  private static final class DecryptingStream extends InputStream {
    private final DataInputStream in;
    private final byte[] key;
    private final byte[] prefix;
    private final byte[] aad;
    private byte[] plain = new byte[0];
    private int position;
    private long counter;
    private boolean sawLast;
    private int nextLength;

    DecryptingStream(DataInputStream in, byte[] key, byte[] prefix, byte[] aad) throws IOException {
      this.in = in;
      this.key = key;
      this.prefix = prefix;
      this.aad = aad;
      this.nextLength = readLength();
      if (nextLength < 0) {
        throw new BackupFileException(Failure.DAMAGED, "the backup has no content (cut off?)");
      }
    }

    /** The next chunk's length, or -1 at the end of the file. */
    private int readLength() throws IOException {
      int b0 = in.read();
      if (b0 < 0) {
        return -1;
      }
      byte[] rest = new byte[3];
      try {
        in.readFully(rest);
      } catch (EOFException e) {
        throw new BackupFileException(Failure.DAMAGED, "the backup is cut off");
      }
      int length =
          (b0 << 24) | ((rest[0] & 0xFF) << 16) | ((rest[1] & 0xFF) << 8) | (rest[2] & 0xFF);
      if (length < 16 || length > CHUNK + 16) {
        throw new BackupFileException(
            Failure.DAMAGED, "the backup is damaged (chunk " + counter + ")");
      }
      return length;
    }

    private boolean nextChunk() throws IOException {
      if (sawLast) {
        return false;
      }
      if (nextLength < 0) {
        throw new BackupFileException(Failure.DAMAGED, "the backup is cut off");
      }
      byte[] sealed = new byte[nextLength];
      try {
        in.readFully(sealed);
      } catch (EOFException e) {
        throw new BackupFileException(Failure.DAMAGED, "the backup is cut off");
      }
      nextLength = readLength();
      boolean last = nextLength < 0;
      try {
        plain = cipher(Cipher.DECRYPT_MODE, key, nonce(prefix, counter, last), aad).doFinal(sealed);
      } catch (AEADBadTagException e) {
        throw new BackupFileException(
            Failure.DAMAGED,
            last
                ? "the backup is damaged or cut off (chunk " + counter + " fails authentication)"
                : "the backup is damaged (chunk " + counter + " fails authentication)");
      } catch (GeneralSecurityException e) {
        throw new IOException("cannot decrypt the backup", e);
      }
      counter++;
      position = 0;
      sawLast = last;
      return true;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      while (position == plain.length) {
        if (!nextChunk()) {
          return -1;
        }
      }
      int n = Math.min(len, plain.length - position);
      System.arraycopy(plain, position, b, off, n);
      position += n;
      return n;
    }

    @Override
    public void close() throws IOException {
      Arrays.fill(key, (byte) 0);
      in.close();
    }
  }
}
