/**
 * Where the relational data lives: an external PostgreSQL 14+ when {@code HSYSTEM_DB_URL} is set,
 * otherwise an embedded PostgreSQL 14 whose files persist in the data folder. Flyway migrates
 * either one on start.
 */
@ApplicationModule(allowedDependencies = "shared")
package io.hsystem.database;

import org.springframework.modulith.ApplicationModule;
