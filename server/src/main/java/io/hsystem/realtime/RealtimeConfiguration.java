package io.hsystem.realtime;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/**
 * Registers the socket; same-origin browsers only (non-browser clients send no Origin). Incoming
 * messages are capped by the container's text buffer (8 KB), ample for hunts.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class RealtimeConfiguration implements WebSocketConfigurer {

  private final RealtimeSocket socket;

  RealtimeConfiguration(RealtimeSocket socket) {
    this.socket = socket;
  }

  @Override
  public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
    registry.addHandler(socket, "/api/v1/ws");
  }
}
