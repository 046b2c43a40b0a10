// Soak: the fuzzing of every OpenAPI operation with fifteen times the runs and a fresh seed each time
// (printed in any failure; replay with KEEL_FUZZ_SEED=<seed> KEEL_FUZZ_RUNS_SCALE=15 npm run soak).
process.env.KEEL_FUZZ_RUNS_SCALE ??= '15'
process.env.KEEL_FUZZ_SEED ??= String(Date.now() % 2_147_483_647)
console.log(`fuzz soak seed ${process.env.KEEL_FUZZ_SEED}`)
await import('../api/reliability-fuzz.test')

export {}
