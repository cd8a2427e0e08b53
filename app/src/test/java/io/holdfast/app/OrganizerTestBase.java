package io.holdfast.app;

import org.junit.jupiter.api.BeforeEach;

/** What each end-to-end test of events starts with: a client, its helpers and a new organizer. */
abstract class OrganizerTestBase extends ApiTestBase {
  Organizing org;
  String organizer;

  @BeforeEach
  void newOrganizer() {
    org = new Organizing(api);
    organizer = api.organizer();
  }
}
