/** What a buyer carries to the door: a ticket's QR code and PDF, rendered from plain values. */
package io.holdfast.documents;
