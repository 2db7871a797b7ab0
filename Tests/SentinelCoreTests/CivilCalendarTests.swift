import SentinelCore
import Testing

@Suite("CivilCalendar")
struct CivilCalendarTests {
    @Test("known dates, both ways")
    func knownDates() {
        #expect(CivilCalendar.daysFromCivil(year: 1970, month: 1, day: 1) == 0)
        #expect(CivilCalendar.daysFromCivil(year: 2000, month: 3, day: 1) == 11_017)
        #expect(CivilCalendar.daysFromCivil(year: 1969, month: 12, day: 31) == -1)
        let leapDayAfter = CivilCalendar.civilFromDays(11_017), eve = CivilCalendar.civilFromDays(-1)
        #expect(leapDayAfter.year == 2000 && leapDayAfter.month == 3 && leapDayAfter.day == 1)
        #expect(eve.year == 1969 && eve.month == 12 && eve.day == 31)
    }

    @Test("every day from 1600 to 2400 round-trips and follows the one before")
    func roundTrip() {
        let first = CivilCalendar.daysFromCivil(year: 1600, month: 1, day: 1)
        let last = CivilCalendar.daysFromCivil(year: 2400, month: 12, day: 31)
        var expected = (year: 1600, month: 1, day: 1)
        var wrong: [Int] = []
        for days in first...last {
            let date = CivilCalendar.civilFromDays(days)
            if date != expected || CivilCalendar.daysFromCivil(year: date.year, month: date.month, day: date.day) != days {
                wrong.append(days)
            }
            expected =
                date.day < CivilCalendar.daysIn(month: date.month, year: date.year)
                ? (date.year, date.month, date.day + 1)
                : (date.month == 12 ? (date.year + 1, 1, 1) : (date.year, date.month + 1, 1))
        }
        #expect(wrong.isEmpty, "first wrong day numbers: \(wrong.prefix(5))")
    }
}
