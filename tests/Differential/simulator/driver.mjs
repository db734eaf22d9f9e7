// Test-only driver for the differential test (tests/Differential): reads one iam-simulate Simulation per
// line of stdin (JSON) and prints one JSON line per request: {"result":"Allowed|ExplicitlyDenied|ImplicitlyDenied","ignored":[context keys it dropped]}
// or {"error":"..."} when the simulator refused the input. iam-simulate (AGPL-3.0) runs only here, as a
// separate process; nothing of it is copied or shipped.
import { createInterface } from 'node:readline'
import { runSimulation } from '@cloud-copilot/iam-simulate'

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity })
for await (const line of lines) {
  if (line.trim() === '') continue
  let answer
  try {
    const response = await runSimulation(JSON.parse(line), { simulationMode: 'Strict' })
    answer = response.resultType === 'error'
      ? { error: JSON.stringify(response.errors) }
      : { result: response.overallResult, ignored: response.result?.ignoredContextKeys ?? [] }
  } catch (e) {
    answer = { error: String(e?.message ?? e) }
  }
  process.stdout.write(JSON.stringify(answer) + '\n')
}
