/**
 * Threat hunting (spec §4): the analyst's query language, searches and aggregations over the event
 * store, attacker profiles (what one source address did, for the honeypot pages), and the library
 * of hunting templates tagged with ATT&CK tactics and techniques.
 */
@ApplicationModule(allowedDependencies = {"shared", "audit", "eventstore", "protocol", "intel"})
package io.hsystem.hunting;

import org.springframework.modulith.ApplicationModule;
