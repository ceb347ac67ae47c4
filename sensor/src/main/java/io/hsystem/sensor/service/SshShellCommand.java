package io.hsystem.sensor.service;

import io.hsystem.sensor.config.Limits;
import io.hsystem.sensor.core.DecoySession;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.sshd.common.io.IoInputStream;
import org.apache.sshd.common.io.IoOutputStream;
import org.apache.sshd.common.io.IoReadFuture;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.AsyncCommand;

/**
 * The {@link FakeShell} on an SSH channel, for a shell ({@code execLine == null}) or one {@code
 * exec} request. Asynchronous: no thread waits on a channel; reads are chained on MINA's I/O
 * callbacks and writes queued one at a time. With a pty, typed characters are echoed and newlines
 * become CR LF, as a terminal expects.
 */
final class SshShellCommand implements AsyncCommand {

  private final ServiceRuntime runtime;
  private final Limits limits;
  private final String execLine;
  private final Deque<byte[]> pending = new ArrayDeque<>();
  private IoInputStream in;
  private IoOutputStream out;
  private ExitCallback exit;
  private FakeShell shell;
  private LineEditor editor;
  private boolean pty;
  private boolean writing;
  private boolean done;
  private Runnable afterDrain;
  private long bytesRead;

  SshShellCommand(ServiceRuntime runtime, Limits limits, String execLine) {
    this.runtime = runtime;
    this.limits = limits;
    this.execLine = execLine;
  }

  @Override
  public void setIoInputStream(IoInputStream in) {
    this.in = in;
  }

  @Override
  public void setIoOutputStream(IoOutputStream out) {
    this.out = out;
  }

  @Override
  public void setIoErrorStream(IoOutputStream err) {
    // stderr output goes to stdout, as on a terminal
  }

  @Override
  public void setInputStream(InputStream in) {}

  @Override
  public void setOutputStream(OutputStream out) {}

  @Override
  public void setErrorStream(OutputStream err) {}

  @Override
  public void setExitCallback(ExitCallback callback) {
    this.exit = callback;
  }

  @Override
  public void start(ChannelSession channel, Environment env) {
    DecoySession session = SshDecoy.session(channel.getServerSession());
    String user = channel.getServerSession().getUsername();
    shell = new FakeShell(runtime.profile(), user, session);
    if (execLine != null) {
      FakeShell.Result result = shell.run(execLine);
      send(result.output());
      finish(shell.status());
      return;
    }
    pty = env.getPtyModes() != null && !env.getPtyModes().isEmpty();
    editor = new LineEditor(pty, FakeShell.MAX_LINE);
    send(shell.motd() + "\n" + shell.prompt());
    read();
  }

  private void read() {
    if (done) {
      return;
    }
    in.read(new ByteArrayBuffer(4096)).addListener(this::received);
  }

  private void received(IoReadFuture future) {
    if (future.getException() != null || future.getRead() < 0) {
      finish(0);
      return;
    }
    Buffer buffer = future.getBuffer();
    int n = buffer.available();
    byte[] data = new byte[n];
    buffer.getRawBytes(data);
    bytesRead += n;
    if (bytesRead > limits.maxBytesPerSession()) {
      finish(0);
      return;
    }
    StringBuilder echo = new StringBuilder();
    for (String line : editor.feed(data, 0, n, echo)) {
      if (echo.length() > 0) {
        sendRaw(LineEditor.echoBytes(echo));
        echo.setLength(0);
      }
      if (LineEditor.EOF.equals(line)) {
        send("logout\n");
        finish(0);
        return;
      }
      if (LineEditor.INTERRUPT.equals(line)) {
        send(shell.prompt());
        continue;
      }
      FakeShell.Result result = shell.run(line);
      if (result.exit()) {
        send(result.output() + "logout\n");
        finish(0);
        return;
      }
      send(result.output() + shell.prompt());
    }
    if (echo.length() > 0) {
      sendRaw(LineEditor.echoBytes(echo));
    }
    read();
  }

  private void send(String text) {
    String t = pty ? TelnetDecoy.crlf(text) : text;
    sendRaw(t.getBytes(StandardCharsets.UTF_8));
  }

  private synchronized void sendRaw(byte[] bytes) {
    if (bytes.length > 0) {
      pending.add(bytes);
      pump();
    }
  }

  private synchronized void finish(int status) {
    if (done) {
      return;
    }
    done = true;
    afterDrain = () -> exit.onExit(status);
    pump();
  }

  private synchronized void pump() {
    if (writing) {
      return;
    }
    byte[] next = pending.poll();
    if (next == null) {
      if (afterDrain != null) {
        Runnable r = afterDrain;
        afterDrain = null;
        r.run();
      }
      return;
    }
    writing = true;
    try {
      out.writeBuffer(new ByteArrayBuffer(next))
          .addListener(
              f -> {
                synchronized (this) {
                  writing = false;
                  if (f.getException() != null) {
                    pending.clear();
                  }
                  pump();
                }
              });
    } catch (java.io.IOException e) {
      writing = false;
      pending.clear();
      if (afterDrain != null) {
        Runnable r = afterDrain;
        afterDrain = null;
        r.run();
      }
    }
  }

  @Override
  public void destroy(ChannelSession channel) {
    synchronized (this) {
      done = true;
      pending.clear();
    }
  }
}
