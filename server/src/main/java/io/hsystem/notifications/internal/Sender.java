package io.hsystem.notifications.internal;

/** Delivers a message over one kind of channel, in one attempt (retries are the caller's). */
public interface Sender {

  /**
   * Sends the notice to the channel's destination and returns once it was accepted.
   *
   * @throws DeliveryException when it was not; transient failures may be retried
   */
  void send(ChannelConfig channel, Notice notice) throws DeliveryException;
}
