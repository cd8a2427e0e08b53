package io.holdfast.notify.send;

import io.holdfast.notify.Mailbox;
import io.holdfast.notify.template.MailTemplates;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mail.MailAttachment;
import java.util.List;

/**
 * What a mail carries besides its text: the one place where a template's attachments are made,
 * per template, from the mail's data. Made for each attempt (nothing large is stored in the
 * table); a failure here is the attempt's failure, retried like a refused send.
 */
@FunctionalInterface
public interface MailAttachments {
  Future<List<MailAttachment>> forMail(Mailbox.Claimed mail);

  /** No attachments: tests of the sender, and templates that carry none. */
  MailAttachments NONE = mail -> Future.succeededFuture(List.of());

  /** The platform's attachments, per template. */
  static MailAttachments standard(Vertx vertx, JsonObject config) {
    return mail -> switch (mail.template()) {
      // The order's tickets as a PDF (the documents module) are attached here; the mail's
      // data has the orderId.
      case MailTemplates.ORDER_CONFIRMED -> Future.succeededFuture(List.of());
      default -> Future.succeededFuture(List.of());
    };
  }
}
