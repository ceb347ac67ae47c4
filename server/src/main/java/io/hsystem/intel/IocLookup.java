package io.hsystem.intel;

import java.util.List;

/**
 * What the matcher says about one value.
 *
 * @param type the type the value was recognised as
 * @param value the value in canonical form
 * @param hits the active indicators it matches (exactly, by network, or by parent domain)
 */
public record IocLookup(IocType type, String value, List<IocHit> hits) {}
