/**
 * Event model and wire protocol shared by the server, the sensor and (later) the agent.
 *
 * <p>Plain Java, no framework, so that the sensor and agent jars stay small.
 */
package io.hsystem.protocol;
