import type { FootprintInput } from './footprint.ts'

/** The € price per tCO2 the CBAM tests use (Q1 2026). */
export const EUR = 75.36

/** A sheet mill's year: 100 t of 7606 from 90 t of declared ingot, 10 t on the default, 15 t of scrap. */
export const sheet = (parts: Partial<FootprintInput> = {}): FootprintInput => ({
  good: { cnCode: '7606', outputT: 100, origin: 'CN' },
  year: 2026,
  installation: {
    naturalGasNm3: 1000,
    otherDirectTco2e: 0.5,
    electricityKwh: 50_000,
    gridKgco2PerKwh: 0.6058,
  },
  precursors: [
    { cnCode: '7601', tonnes: 90, seeTco2ePerT: 1.8 },
    { cnCode: '7601', tonnes: 10, seeTco2ePerT: null },
  ],
  scrapT: 15,
  eurPerTco2: EUR,
  ...parts,
})
