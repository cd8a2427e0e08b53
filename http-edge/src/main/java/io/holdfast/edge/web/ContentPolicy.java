package io.holdfast.edge.web;

/**
 * The Content-Security-Policy of the web app's pages: scripts, styles, fonts and images from
 * this origin only (no inline script, no outside host), so a script injected elsewhere cannot
 * run here. Where checkout goes through Stripe, its Payment Element's hosts are allowed too:
 * js.stripe.com serves the script and the frames, api.stripe.com answers them.
 */
public final class ContentPolicy {
  private ContentPolicy() {}

  public static String forPages(boolean stripe) {
    String script = stripe ? " https://js.stripe.com" : "";
    String frames = stripe ? "https://js.stripe.com https://hooks.stripe.com" : "'none'";
    String connect = stripe ? " https://api.stripe.com" : "";
    return "default-src 'self'; script-src 'self'" + script + "; style-src 'self'; "
        + "img-src 'self' data: blob:; font-src 'self'; connect-src 'self'" + connect + "; "
        + "frame-src " + frames + "; worker-src 'self'; manifest-src 'self'; "
        + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
  }
}
