/**
 * Sigma detection rules (specification 2.0) run against H-System's canonical events.
 *
 * <p>{@link io.hsystem.detection.sigma.SigmaLoader} reads rule files, folders and zip archives into
 * a {@link io.hsystem.detection.sigma.SigmaLibrary}: runnable {@link
 * io.hsystem.detection.sigma.SigmaRule}s, {@link io.hsystem.detection.sigma.CorrelationRule}s, and
 * {@link io.hsystem.detection.sigma.Unsupported} entries that say why a document cannot run as
 * written (never silently approximated). {@link io.hsystem.detection.sigma.SigmaRuleSet} compiles
 * rules into a shared matcher: logsources select the events a rule sees ({@code Logsources} is the
 * one table), Sigma field names map onto canonical fields or are read from the original record
 * ({@link io.hsystem.detection.sigma.SigmaField}), and literal matching is shared across rules.
 *
 * <p>Pure library code: no Spring, no database. SigmaHQ rules are under the Detection Rule License
 * 1.1: show a rule's author wherever one of its matches is shown.
 */
package io.hsystem.detection.sigma;
