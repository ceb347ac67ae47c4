/**
 * Encrypted configuration values (spec §8): any property may be written as {@code ENC(...)} and is
 * decrypted at start with the master key from {@code HSYSTEM_MASTER_KEY}. {@code java -jar
 * hsystem-server.jar encrypt} produces such values.
 */
@ApplicationModule(allowedDependencies = "shared")
package io.hsystem.secrets;

import org.springframework.modulith.ApplicationModule;
