package io.holdfast.documents;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.EncodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.NotFoundException;
import com.google.zxing.PlanarYUVLuminanceSource;
import com.google.zxing.ChecksumException;
import com.google.zxing.FormatException;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * QR codes of ticket codes (ZXing). The content is exactly the code, nothing added, so any
 * scanner reads what the door checks. Error correction M: a code of 100 to 150 characters
 * stays a small symbol (version 7 or 8) that a phone reads from a cracked screen or a creased
 * print; the quiet zone is the 4 modules the standard asks for. Every symbol is read back
 * before it is given out ({@link #matrix}).
 */
public final class QrCodes {
  /** Modules of white around the symbol. */
  public static final int QUIET_ZONE = 4;
  /** Pixels per module of {@link #png(String)}: about 450 px for a 150-character code. */
  public static final int PIXELS_PER_MODULE = 8;
  /**
   * Pixels a module of the images a new symbol is read back from. ZXing misses some symbols at
   * every size from 4 up, and others (about one in a thousand) only from 7 pixels a module up,
   * its finder-pattern search taking a patch of data for a corner: one check below that step
   * and one above it (the size of {@link #png(String)}) catch both. About one in a thousand
   * more it misses at one odd size alone (5 pixels, say) and reads at every other; a scanner
   * held a little nearer reads those, and checking every size would cost a read each.
   */
  private static final int[] CHECK_PIXELS = {4, PIXELS_PER_MODULE};
  /** A ticket code is short; anything longer is not one and would make an unreadable symbol. */
  public static final int MAX_LENGTH = 1024;

  private static final Map<EncodeHintType, Object> HINTS = Map.of(
      EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
      EncodeHintType.MARGIN, QUIET_ZONE,
      EncodeHintType.CHARACTER_SET, "ISO-8859-1");

  private static final Map<DecodeHintType, Object> TRY_HARDER = Map.of(DecodeHintType.TRY_HARDER,
      Boolean.TRUE);

  private QrCodes() {}

  /**
   * The symbol, one bit per module, quiet zone included. Refuses an empty code, one longer
   * than {@link #MAX_LENGTH}, or one with characters outside Latin-1 (codes are base64url).
   */
  public static BitMatrix matrix(String code) {
    if (code == null || code.isEmpty() || code.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("a ticket code has 1 to " + MAX_LENGTH + " characters");
    }
    for (int i = 0; i < code.length(); i++) {
      if (code.charAt(i) > 0xFF) {
        throw new IllegalArgumentException("a ticket code is Latin-1 text");
      }
    }
    BitMatrix chosen = encode(code, -1);
    if (reads(chosen, code)) {
      return chosen;
    }
    // About one symbol in fifty, with the mask the standard's penalty rules choose, is not read
    // by ZXing's own detector (its data happens to look like a finder pattern); scanners built
    // on ZXing would turn that ticket away. Another mask reads.
    for (int mask = 0; mask < 8; mask++) {
      BitMatrix other = encode(code, mask);
      if (reads(other, code)) {
        return other;
      }
    }
    return chosen;
  }

  /** Whether ZXing reads {@code symbol} as {@code code} at every one of {@link #CHECK_PIXELS}. */
  private static boolean reads(BitMatrix symbol, String code) {
    for (int pixels : CHECK_PIXELS) {
      if (!reads(symbol, code, pixels)) {
        return false;
      }
    }
    return true;
  }

  /** {@code mask} 0 to 7, or -1 for the one the standard's penalty rules choose. */
  private static BitMatrix encode(String code, int mask) {
    Map<EncodeHintType, Object> hints = HINTS;
    if (mask >= 0) {
      hints = new EnumMap<>(HINTS);
      hints.put(EncodeHintType.QR_MASK_PATTERN, mask);
    }
    try {
      // Size 0: ZXing answers one bit per module, which this class scales itself.
      return new QRCodeWriter().encode(code, BarcodeFormat.QR_CODE, 0, 0, hints);
    } catch (WriterException e) {
      throw new IllegalArgumentException("the code does not fit a QR symbol", e);
    }
  }

  /** A PNG of the code at {@link #PIXELS_PER_MODULE}, black on white. */
  public static byte[] png(String code) {
    return png(code, PIXELS_PER_MODULE);
  }

  /** A PNG of the code with {@code pixelsPerModule} (1 to 32) pixels a module. */
  public static byte[] png(String code, int pixelsPerModule) {
    if (pixelsPerModule < 1 || pixelsPerModule > 32) {
      throw new IllegalArgumentException("pixels per module must be 1 to 32");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
    try {
      ImageIO.write(image(matrix(code), pixelsPerModule), "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException("PNG to memory cannot fail", e);
    }
    return out.toByteArray();
  }

  /** The symbol black on white, {@code pixelsPerModule} pixels a module. */
  private static BufferedImage image(BitMatrix matrix, int pixelsPerModule) {
    int size = matrix.getWidth() * pixelsPerModule;
    BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_BINARY);
    Graphics2D g = image.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, size, size);
      g.setColor(Color.BLACK);
      for (int y = 0; y < matrix.getHeight(); y++) {
        for (int x = 0; x < matrix.getWidth(); x++) {
          if (matrix.get(x, y)) {
            g.fillRect(x * pixelsPerModule, y * pixelsPerModule, pixelsPerModule,
                pixelsPerModule);
          }
        }
      }
    } finally {
      g.dispose();
    }
    return image;
  }

  /**
   * The text of the QR code in {@code image} (a photo, a rendered page), or null when none is
   * found: what a scanner would read.
   */
  public static String read(BufferedImage image) {
    return read(new BufferedImageLuminanceSource(image), TRY_HARDER);
  }

  /**
   * Whether ZXing reads the symbol back as {@code code} at {@code pixels} a module: its
   * luminance is made from the bits directly (drawing an image to read it back took two thirds
   * of the check's time).
   */
  private static boolean reads(BitMatrix symbol, String code, int pixels) {
    int modules = symbol.getWidth();
    int size = modules * pixels;
    byte[] luminance = new byte[size * size];
    for (int row = 0; row < modules; row++) {
      int first = row * pixels * size;
      for (int col = 0; col < modules; col++) {
        if (!symbol.get(col, row)) {
          Arrays.fill(luminance, first + col * pixels, first + (col + 1) * pixels, (byte) 0xFF);
        }
      }
      for (int copy = 1; copy < pixels; copy++) {
        System.arraycopy(luminance, first, luminance, first + copy * size, size);
      }
    }
    return code.equals(read(new PlanarYUVLuminanceSource(luminance, size, size, 0, 0, size, size,
        false), TRY_HARDER));
  }

  private static String read(LuminanceSource source, Map<DecodeHintType, ?> hints) {
    BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(source));
    try {
      return new QRCodeReader().decode(bitmap, hints).getText();
    } catch (NotFoundException | ChecksumException | FormatException e) {
      return null;
    }
  }
}
