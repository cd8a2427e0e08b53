package io.holdfast.documents;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.font.PDFont;

/**
 * Text for the standard 14 fonts, which encode Latin-1-ish characters only (WinAnsi): names
 * come from people all over the world, and a character a font cannot encode would make PDFBox
 * throw in the middle of a page. Each such character is replaced: by its letter without accents
 * when it has one ("Ł" is "L"), else by "?". Embedding a Unicode font would keep every name
 * exact, but a font file is megabytes in the jar and in every PDF.
 */
final class PdfText {
  /** Letters whose accent is not a combining mark, so NFD does not take it off. */
  private static final Map<Integer, String> PLAIN = Map.ofEntries(
      Map.entry((int) 'Ł', "L"), Map.entry((int) 'ł', "l"),
      Map.entry((int) 'Đ', "D"), Map.entry((int) 'đ', "d"),
      Map.entry((int) 'Ħ', "H"), Map.entry((int) 'ħ', "h"),
      Map.entry((int) 'Ŧ', "T"), Map.entry((int) 'ŧ', "t"),
      Map.entry((int) 'ı', "i"), Map.entry((int) 'ĸ', "k"));
  private static final String UNKNOWN = "?";

  private PdfText() {}

  /** {@code text} with every character {@code font} cannot show replaced (never throws). */
  static String safe(PDFont font, String text) {
    if (text == null || text.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().forEach(cp -> {
      if (Character.isISOControl(cp) || Character.isWhitespace(cp)) {
        out.append(' ');
        return;
      }
      String one = new String(Character.toChars(cp));
      if (encodes(font, one)) {
        out.append(one);
        return;
      }
      String plain = PLAIN.get(cp);
      if (plain == null) {
        String base = Normalizer.normalize(one, Normalizer.Form.NFD)
            .replaceAll("\\p{M}+", "");
        plain = !base.isEmpty() && !base.equals(one) && encodes(font, base) ? base : UNKNOWN;
      }
      out.append(plain);
    });
    return out.toString();
  }

  private static boolean encodes(PDFont font, String text) {
    try {
      font.encode(text);
      return true;
    } catch (IllegalArgumentException | IOException e) {
      return false;
    }
  }

  /** The width of already safe text, in points. */
  static float width(PDFont font, float size, String safe) {
    try {
      return font.getStringWidth(safe) / 1000f * size;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Safe text broken into at most {@code maxLines} lines of at most {@code width} points, at
   * spaces where it can and anywhere where a word alone is too wide; what does not fit ends in
   * an ellipsis.
   */
  static List<String> wrap(PDFont font, float size, String text, float width, int maxLines) {
    String safe = safe(font, text).trim();
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : safe.split(" +")) {
      String candidate = line.isEmpty() ? word : line + " " + word;
      if (width(font, size, candidate) <= width) {
        line.setLength(0);
        line.append(candidate);
        continue;
      }
      if (!line.isEmpty()) {
        lines.add(line.toString());
        line.setLength(0);
      }
      String rest = word;
      while (width(font, size, rest) > width && rest.length() > 1) {
        int cut = rest.length() - 1;
        while (cut > 1 && width(font, size, rest.substring(0, cut)) > width) {
          cut--;
        }
        lines.add(rest.substring(0, cut));
        rest = rest.substring(cut);
      }
      line.append(rest);
    }
    if (!line.isEmpty() || lines.isEmpty()) {
      lines.add(line.toString());
    }
    if (lines.size() <= maxLines) {
      return lines;
    }
    List<String> kept = new ArrayList<>(lines.subList(0, maxLines));
    String last = kept.get(maxLines - 1);
    while (!last.isEmpty() && width(font, size, last + "…") > width) {
      last = last.substring(0, last.length() - 1);
    }
    kept.set(maxLines - 1, last + "…");
    return kept;
  }
}
