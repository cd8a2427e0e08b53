/** The notification worker: mail owed to people, its templates, and sending it over SMTP. */
package io.holdfast.notify;
