package io.hsystem.ingest.web;

import io.hsystem.audit.NotAudited;
import io.hsystem.ingest.IngestKey;
import io.hsystem.ingest.IngestKeyService;
import io.hsystem.ingest.IngestResult;
import io.hsystem.ingest.IngestService;
import io.hsystem.shared.security.PublicEndpoint;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/ingest")
class IngestController {

  private final IngestService ingest;
  private final IngestKeyService keys;

  IngestController(IngestService ingest, IngestKeyService keys) {
    this.ingest = ingest;
    this.keys = keys;
  }

  record IngestResponse(int accepted, int rejectedCount, List<IngestResult.Rejection> rejected) {}

  /** JSON array or NDJSON, optionally gzip; authenticated by the source's ingest API key. */
  @PostMapping(
      path = "/events",
      consumes = {"application/json", "application/x-ndjson", "application/jsonl", "text/plain"})
  @PublicEndpoint("machines authenticate with an ingest API key, checked here, not a user token")
  @NotAudited("machine telemetry at high rate; every key's creation and revocation is audited")
  IngestResponse events(HttpServletRequest request) throws IOException {
    IngestKey key = keys.authenticate(apiKey(request));
    String encoding = request.getHeader("Content-Encoding");
    boolean gzip = encoding != null && encoding.trim().equalsIgnoreCase("gzip");
    IngestResult result = ingest.ingest(key, request.getInputStream(), gzip);
    return new IngestResponse(result.accepted(), result.rejectedCount(), result.rejected());
  }

  private static String apiKey(HttpServletRequest request) {
    String header = request.getHeader("X-API-Key");
    if (header != null) {
      return header.trim();
    }
    String authorization = request.getHeader("Authorization");
    if (authorization != null && authorization.regionMatches(true, 0, "ApiKey ", 0, 7)) {
      return authorization.substring(7).trim();
    }
    return null;
  }
}
