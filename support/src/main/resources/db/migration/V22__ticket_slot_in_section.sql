-- A live ticket must name a place its section has. The unique live-slot index stops a slot
-- being sold twice, but not a slot that does not exist: a general-admission slot past the
-- section's capacity, or a reserved slot whose seat ID is not the seat at that place. The grid
-- never hands such slots out; this is the last line of defence should it misbehave, refused
-- with check_violation (23514) naming tickets_slot_in_section.
--
-- General admission: 0 <= slot < capacity, and no seat. Reserved: 0 <= slot < capacity, and
-- seat is SECTION-ROW-NUMBER of that place, counting row after row from the best one (as
-- V2 describes). Void tickets are not checked: they hold no place.
create function tickets_slot_in_section() returns trigger
language plpgsql as $$
declare
  section record;
  seat_row jsonb;
  row_start int := 0;
  row_seats int;
  expected text;
begin
  if new.status = 'void' then
    return new;
  end if;
  select kind, capacity, rows into section from sections
    where event_id = new.event_id and id = new.section_id;
  if not found then
    raise exception 'ticket %: event % has no section %', new.id, new.event_id, new.section_id
      using errcode = 'check_violation', constraint = 'tickets_slot_in_section';
  end if;
  if new.slot < 0 or new.slot >= section.capacity then
    raise exception 'ticket %: slot % is outside section % (capacity %)', new.id, new.slot,
        new.section_id, section.capacity
      using errcode = 'check_violation', constraint = 'tickets_slot_in_section';
  end if;
  if section.kind = 'reserved' then
    for seat_row in select value from jsonb_array_elements(section.rows) loop
      row_seats := (seat_row ->> 'seats')::int;
      if new.slot < row_start + row_seats then
        expected := new.section_id || '-' || (seat_row ->> 'label') || '-'
            || (new.slot - row_start + 1);
        exit;
      end if;
      row_start := row_start + row_seats;
    end loop;
  end if;
  if new.seat is distinct from expected then
    raise exception 'ticket %: seat % is not slot % of section % (that is %)', new.id,
        coalesce(new.seat, 'none'), new.slot, new.section_id, coalesce(expected, 'no seat')
      using errcode = 'check_violation', constraint = 'tickets_slot_in_section';
  end if;
  return new;
end
$$;

create trigger tickets_slot_in_section
  before insert or update of event_id, section_id, slot, seat, status on tickets
  for each row execute function tickets_slot_in_section();
