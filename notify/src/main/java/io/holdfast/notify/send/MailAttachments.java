package io.holdfast.notify.send;

import io.holdfast.contracts.problem.ProblemException;
import io.holdfast.documents.TicketDocuments;
import io.holdfast.notify.Mailbox;
import io.holdfast.notify.template.MailTemplates;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.mail.MailAttachment;
import java.util.List;
import java.util.Set;
import java.util.UUID;

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

  /** Refusals a later attempt can get past: the render pool was full, a code not signed yet. */
  Set<String> PASSING = Set.of("busy", "ticket-not-ready");

  /**
   * The platform's attachments: an order confirmation carries the order's tickets as one PDF.
   * An order refunded since (its tickets void) is confirmed without it, the cancellation's
   * own mail following; a passing refusal fails the attempt, to be retried.
   */
  static MailAttachments standard(TicketDocuments documents) {
    return mail -> {
      if (!MailTemplates.ORDER_CONFIRMED.equals(mail.template())) {
        return Future.succeededFuture(List.of());
      }
      UUID orderId = UUID.fromString(mail.data().getString("orderId"));
      return documents.orderPdf(orderId, null, documents.page())
          .<List<MailAttachment>>map(pdf -> List.of(MailAttachment.create()
              .setData(Buffer.buffer(pdf.bytes())).setContentType(pdf.type())
              .setName(pdf.filename()).setDisposition("attachment")))
          .recover(failure -> failure instanceof ProblemException p
              && !PASSING.contains(p.problem().slug()) ? Future.succeededFuture(List.of())
              : Future.failedFuture(failure));
    };
  }
}
