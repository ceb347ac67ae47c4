package io.hsystem.hunting;

import java.util.List;

/** The editable fields of a hunting template. */
public record TemplateDraft(
    String name, String description, String query, List<String> tactics, List<String> techniques) {}
