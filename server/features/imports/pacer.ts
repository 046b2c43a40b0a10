// Long parses hand the event loop back every few milliseconds of work, so one big upload does not hold
// up everyone else's requests: the server has one thread, and a 40 MB CSV takes it about a second.
//
// Why yielding and not a worker thread: a worker would have to be bundled as a second entry point (the
// server ships as one esbuild bundle) and loaded through tsx in tests, and its result (hundreds of
// thousands of parsed records) would still be copied back on this thread, which costs about as long as
// parsing them. Yielding needs neither, and every parser keeps running the same code in tests and in the
// bundle. What cannot be cut into slices stays one stretch: a JSON file's JSON.parse (at most 50 MB, a
// few hundred milliseconds, done once) and exceljs's reading of a workbook (at most 100 MB unpacked,
// see zip-check.ts). Writing is one transaction and is not paced: other requests' writes wait for its
// turn to end (db/store.ts), and their reads see the rows as they were before it.

/** Characters of text scanned between turns (about 5–10 ms of CSV scanning on a modest core). */
export const CHARS_PER_TURN = 1024 * 1024
/** Records (rows, issues, items) mapped between turns. */
export const RECORDS_PER_TURN = 500

/** One turn of the event loop: timers, I/O and other requests run before the parse goes on. */
export const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve))

/**
 * Counts work done and, every `every` units, waits a turn of the event loop: `await pace()` once per
 * record (or `await pace(n)` for n units).
 */
export function pacer(every = RECORDS_PER_TURN) {
  let done = 0
  return (units = 1): Promise<void> | undefined => {
    done += units
    if (done < every) return undefined
    done = 0
    return nextTurn()
  }
}
