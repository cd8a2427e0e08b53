-- Reserved seating: a reserved section keeps its rows, [{"label": "1", "seats": 50}, ...], in
-- order from the best row. Its capacity is their seats; a ticket's slot is the seat's place in
-- the section, row after row, and its seat column the seat ID (SECTION-ROW-NUMBER), so the
-- unique live-slot index guards reserved seats as it guards general admission.
alter table sections add column rows jsonb;
alter table sections add constraint sections_reserved_rows
  check ((kind = 'reserved') = (rows is not null));
create index tickets_event_holder on tickets (event_id, holder_id) where status <> 'void';
