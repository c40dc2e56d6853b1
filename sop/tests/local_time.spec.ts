import { test } from '@japa/runner'
import {
  atLocalTime,
  endOfLocalDay,
  isValidLocalTime,
  isValidZone,
  localParts,
  nextDailyRun,
} from '../src/local_time.js'

const SHANGHAI = 'Asia/Shanghai'
const NEW_YORK = 'America/New_York'

test.group('atLocalTime: SOP steps land on local days at local times', () => {
  test('a day-3 11:00 step after a 23:30 trigger lands at 11:00 three local days later', ({ assert }) => {
    // 23:30 on Saturday 21 November in Shanghai; three times 24 hours later would be 23:30.
    const trigger = new Date('2026-11-21T15:30:00Z')

    const due = atLocalTime(trigger, 3, '11:00', SHANGHAI)

    assert.equal(due.toISOString(), '2026-11-24T03:00:00.000Z')
    assert.deepEqual(localParts(due, SHANGHAI), {
      date: '2026-11-24',
      weekday: 2,
      hour: 11,
      minute: 0,
    })
  })

  test('counts days from the local date, not the UTC date', ({ assert }) => {
    // 01:00 on 22 November in Shanghai is still 21 November in UTC.
    const trigger = new Date('2026-11-21T17:00:00Z')

    const due = atLocalTime(trigger, 3, '11:00', SHANGHAI)

    assert.equal(due.toISOString(), '2026-11-25T03:00:00.000Z')
  })

  test('day 0 is the trigger local date, even at a time already past', ({ assert }) => {
    const trigger = new Date('2026-11-21T15:30:00Z')

    const due = atLocalTime(trigger, 0, '09:00', SHANGHAI)

    assert.equal(due.toISOString(), '2026-11-21T01:00:00.000Z')
  })

  test('keeps the wall-clock time across a DST change (a 23-hour day)', ({ assert }) => {
    // 11:00 EST on Saturday 7 March 2026; clocks spring forward early on Sunday.
    const trigger = new Date('2026-03-07T16:00:00Z')

    const due = atLocalTime(trigger, 1, '11:00', NEW_YORK)

    assert.equal(due.toISOString(), '2026-03-08T15:00:00.000Z')
  })

  test('moves a time skipped by spring-forward forward by the gap (02:30 becomes 03:30 EDT)', ({ assert }) => {
    const trigger = new Date('2026-03-07T17:00:00Z')

    const due = atLocalTime(trigger, 1, '02:30', NEW_YORK)

    assert.equal(due.toISOString(), '2026-03-08T07:30:00.000Z')
    assert.include(localParts(due, NEW_YORK), { date: '2026-03-08', hour: 3, minute: 30 })
  })

  test('takes the earlier of a time that occurs twice at fall-back (01:30 EDT, not EST)', ({ assert }) => {
    const trigger = new Date('2026-10-31T16:00:00Z')

    const due = atLocalTime(trigger, 1, '01:30', NEW_YORK)

    assert.equal(due.toISOString(), '2026-11-01T05:30:00.000Z')
  })

  test('rejects an unknown zone, a malformed time and a fractional day offset', ({ assert }) => {
    const trigger = new Date('2026-11-21T15:30:00Z')

    assert.throws(
      () => atLocalTime(trigger, 3, '11:00', 'Mars/Olympus_Mons'),
      /Unknown time zone "Mars\/Olympus_Mons"/
    )
    assert.throws(() => atLocalTime(trigger, 3, '11:00', ''), /Unknown time zone/)
    for (const time of ['24:00', '7:30', '07:60', '0730', '07:30:00', ' 07:30', '']) {
      assert.throws(() => atLocalTime(trigger, 3, time, SHANGHAI), /Invalid local time/, time)
    }
    assert.throws(() => atLocalTime(trigger, 1.5, '11:00', SHANGHAI), /Invalid day offset/)
    const notADate = new Date('not a date')
    assert.throws(() => atLocalTime(notADate, 3, '11:00', SHANGHAI), /Invalid instant/)
  })
})

test.group('localParts: where an instant falls on the local calendar', () => {
  test('23:30 UTC on Saturday 21 November is Sunday 07:30 on the 22nd in Shanghai', ({ assert }) => {
    assert.deepEqual(localParts(new Date('2026-11-21T23:30:00Z'), SHANGHAI), {
      date: '2026-11-22',
      weekday: 7,
      hour: 7,
      minute: 30,
    })
  })

  test('numbers weekdays from Monday as 1', ({ assert }) => {
    assert.deepEqual(localParts(new Date('2026-11-22T16:00:00Z'), SHANGHAI), {
      date: '2026-11-23',
      weekday: 1,
      hour: 0,
      minute: 0,
    })
  })

  test('both passes through the repeated hour read 01:30 at fall-back', ({ assert }) => {
    assert.include(localParts(new Date('2026-11-01T05:30:00Z'), NEW_YORK), { hour: 1, minute: 30 })
    assert.include(localParts(new Date('2026-11-01T06:30:00Z'), NEW_YORK), { hour: 1, minute: 30 })
  })

  test('rejects an unknown zone', ({ assert }) => {
    assert.throws(() => localParts(new Date(), 'Asia/Atlantis'), /Unknown time zone/)
  })
})

test.group('nextDailyRun: daily schedules in local time', () => {
  test('runs later the same local day when the time has not passed yet', ({ assert }) => {
    // 07:30 on Sunday in Shanghai.
    const now = new Date('2026-11-21T23:30:00Z')

    assert.equal(nextDailyRun(now, '09:00', SHANGHAI).toISOString(), '2026-11-22T01:00:00.000Z')
  })

  test('runs the next local day when the time has passed', ({ assert }) => {
    const now = new Date('2026-11-21T23:30:00Z')

    assert.equal(nextDailyRun(now, '07:00', SHANGHAI).toISOString(), '2026-11-22T23:00:00.000Z')
  })

  test('is strictly after: a run at exactly its time schedules the next day', ({ assert }) => {
    const run = new Date('2026-11-22T01:00:00Z')

    assert.equal(nextDailyRun(run, '09:00', SHANGHAI).toISOString(), '2026-11-23T01:00:00.000Z')
  })

  test('runs once on a fall-back day, at the earlier 01:30', ({ assert }) => {
    const eve = new Date('2026-11-01T03:00:00Z')
    const first = nextDailyRun(eve, '01:30', NEW_YORK)

    assert.equal(first.toISOString(), '2026-11-01T05:30:00.000Z')
    // Not again at 01:30 EST an hour later, but at 01:30 on the next local date.
    assert.equal(nextDailyRun(first, '01:30', NEW_YORK).toISOString(), '2026-11-02T06:30:00.000Z')
  })

  test('runs at 03:30 EDT on a spring-forward day for a 02:30 schedule', ({ assert }) => {
    const eve = new Date('2026-03-08T04:00:00Z')

    assert.equal(nextDailyRun(eve, '02:30', NEW_YORK).toISOString(), '2026-03-08T07:30:00.000Z')
  })
})

test.group('endOfLocalDay: coupons valid for N days', () => {
  test('a 7-day coupon issued at 23:30 lasts to 23:59:59 local on the seventh local day after', ({ assert }) => {
    const issuedAt = new Date('2026-11-21T15:30:00Z')

    const validUntil = endOfLocalDay(issuedAt, 7, SHANGHAI)

    assert.equal(validUntil.toISOString(), '2026-11-28T15:59:59.000Z')
    assert.deepEqual(localParts(validUntil, SHANGHAI), {
      date: '2026-11-28',
      weekday: 6,
      hour: 23,
      minute: 59,
    })
  })

  test('day 0 is the end of the issue local date', ({ assert }) => {
    // 01:00 on 22 November in Shanghai, still 21 November in UTC.
    const issuedAt = new Date('2026-11-21T17:00:00Z')

    assert.equal(endOfLocalDay(issuedAt, 0, SHANGHAI).toISOString(), '2026-11-22T15:59:59.000Z')
  })

  test('follows the offset in force at the end of the day, across a DST change', ({ assert }) => {
    const issuedAt = new Date('2026-03-07T17:00:00Z')

    assert.equal(endOfLocalDay(issuedAt, 1, NEW_YORK).toISOString(), '2026-03-09T03:59:59.000Z')
  })
})

test.group('validation helpers', () => {
  test('isValidZone accepts IANA names and rejects anything else', ({ assert }) => {
    assert.isTrue(isValidZone('Asia/Shanghai'))
    assert.isTrue(isValidZone('America/New_York'))
    assert.isTrue(isValidZone('UTC'))
    assert.isFalse(isValidZone('Mars/Olympus_Mons'))
    assert.isFalse(isValidZone(''))
    assert.isFalse(isValidZone(undefined))
    assert.isFalse(isValidZone(8))
  })

  test('isValidLocalTime accepts 00:00 to 23:59 written HH:mm', ({ assert }) => {
    for (const time of ['00:00', '07:30', '23:59']) assert.isTrue(isValidLocalTime(time), time)
    for (const time of ['24:00', '7:30', '07:60', '0730', '07:30:00', '', null]) {
      assert.isFalse(isValidLocalTime(time), String(time))
    }
  })
})
