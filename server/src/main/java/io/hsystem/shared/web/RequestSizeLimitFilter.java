package io.hsystem.shared.web;

import io.hsystem.shared.ApiProperties;
import io.hsystem.shared.CommonProblem;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps API request bodies: a declared length over the cap is refused at once with 413; a chunked
 * body is counted as it is read and fails with {@link PayloadTooLargeException} at the cap.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class RequestSizeLimitFilter extends OncePerRequestFilter {

  /** Endpoints that read large bodies under limits of their own. */
  private static final java.util.Set<String> OWN_LIMITS =
      java.util.Set.of(
          "/api/v1/ingest/events",
          "/api/v1/rules/import",
          "/api/v1/system/backups/upload",
          "/api/v1/system/update/upload",
          "/api/v1/sensor-gateway/events");

  private final long maxBytes;
  private final ProblemResponses problems;

  public RequestSizeLimitFilter(ApiProperties properties, ProblemResponses problems) {
    this.maxBytes = properties.maxBodyBytes();
    this.problems = problems;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    // ingest batches and rule packs are much larger and read with limits of their own
    return !request.getRequestURI().startsWith("/api/")
        || OWN_LIMITS.contains(request.getRequestURI());
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getContentLengthLong() > maxBytes) {
      problems.write(
          request,
          response,
          CommonProblem.PAYLOAD_TOO_LARGE,
          "request bodies are limited to " + maxBytes + " bytes");
      return;
    }
    chain.doFilter(new LimitedRequest(request, maxBytes), response);
  }

  /** Raised when a body without a declared length grows past the cap. */
  public static class PayloadTooLargeException extends IOException {
    PayloadTooLargeException(long max) {
      super("request bodies are limited to " + max + " bytes");
    }
  }

  private static final class LimitedRequest extends HttpServletRequestWrapper {
    private final long max;
    private ServletInputStream stream;

    LimitedRequest(HttpServletRequest request, long max) {
      super(request);
      this.max = max;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        stream = new LimitedStream(super.getInputStream(), max);
      }
      return stream;
    }
  }

  private static final class LimitedStream extends ServletInputStream {
    private final ServletInputStream in;
    private final long max;
    private long count;

    LimitedStream(ServletInputStream in, long max) {
      this.in = in;
      this.max = max;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        add(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      int n = in.read(buf, off, len);
      if (n > 0) {
        add(n);
      }
      return n;
    }

    private void add(int n) throws PayloadTooLargeException {
      count += n;
      if (count > max) {
        throw new PayloadTooLargeException(max);
      }
    }

    @Override
    public boolean isFinished() {
      return in.isFinished();
    }

    @Override
    public boolean isReady() {
      return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      in.setReadListener(listener);
    }
  }
}
