package io.holdfast.app;

import io.holdfast.support.config.Setting;
import java.util.List;

/**
 * The catalogue of settings as people read it: {@code --help}'s listing, and the table of
 * docs/configuration.md (which ConfigurationDocsTest keeps equal to this).
 */
final class SettingsText {
  private SettingsText() {}

  private static final int WIDTH = 96;

  /** Each setting with its default, its meaning wrapped under it. */
  static String help(List<Setting> settings) {
    StringBuilder text = new StringBuilder();
    for (Setting s : settings) {
      text.append("  ").append(s.variable()).append(" (default: ").append(s.defaultText())
          .append(")\n");
      wrap(s.meaning(), "      ", text);
    }
    return text.toString();
  }

  /** The Markdown table: variable, default (a value as code), meaning. */
  static String markdown(List<Setting> settings) {
    StringBuilder table = new StringBuilder("| Variable | Default | Meaning |\n|---|---|---|\n");
    for (Setting s : settings) {
      String fallback = cell(s.defaultText());
      table.append("| `").append(s.variable()).append("` | ")
          .append(s.hasValue() ? "`" + fallback + "`" : fallback).append(" | ")
          .append(cell(s.meaning())).append(" |\n");
    }
    return table.toString();
  }

  private static String cell(String text) {
    return text.replace("|", "\\|");
  }

  private static void wrap(String text, String indent, StringBuilder out) {
    StringBuilder line = new StringBuilder(indent);
    for (String word : text.split(" ")) {
      if (line.length() > indent.length() && line.length() + 1 + word.length() > WIDTH) {
        out.append(line).append('\n');
        line = new StringBuilder(indent);
      }
      if (line.length() > indent.length()) {
        line.append(' ');
      }
      line.append(word);
    }
    out.append(line).append('\n');
  }
}
