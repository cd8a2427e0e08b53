package io.holdfast.app.log;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.List;
import java.util.Map;
import org.slf4j.event.KeyValuePair;

/**
 * {@code %fields} in the text format: the fields a line carries beside its message
 * ({@code requestId}, ...: SLF4J's key-value pairs, then the MDC's), each as
 * {@code " key=value"}; nothing at all for a line without any, so most lines end at their
 * message as before.
 */
public final class ContextFields extends ClassicConverter {
  @Override
  public String convert(ILoggingEvent event) {
    List<KeyValuePair> pairs = event.getKeyValuePairs();
    Map<String, String> mdc = event.getMDCPropertyMap();
    if ((pairs == null || pairs.isEmpty()) && (mdc == null || mdc.isEmpty())) {
      return "";
    }
    StringBuilder text = new StringBuilder();
    if (pairs != null) {
      for (KeyValuePair pair : pairs) {
        text.append(' ').append(pair.key).append('=').append(pair.value);
      }
    }
    if (mdc != null) {
      mdc.forEach((key, value) -> text.append(' ').append(key).append('=').append(value));
    }
    return text.toString();
  }
}
