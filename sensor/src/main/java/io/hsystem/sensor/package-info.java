/**
 * Honeypot services (SSH, Telnet, HTTP, FTP, MySQL, Redis, generic TCP) and the event shipper.
 *
 * <p>Plain Java, no Spring: runs inside the server in single-server mode and as a standalone jar on
 * a honeypot host.
 */
package io.hsystem.sensor;
