/**
 * Authentication and authorisation (spec §8): login with JWT access tokens and rotating refresh
 * tokens, revocable sessions, lockout after repeated failures, roles and permissions, and the
 * administration of users.
 */
@ApplicationModule(allowedDependencies = {"shared", "audit"})
package io.hsystem.auth;

import org.springframework.modulith.ApplicationModule;
