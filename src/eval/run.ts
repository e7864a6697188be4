/** The I/O edge of the evaluation: run the pipeline over a fixtures directory and score it. */
import { join } from 'node:path';
import type { VbFile } from '../../schemas/document.ts';
import { run } from '../pipeline.ts';
import { evaluate, failures, loadConfig, loadGold, type EvalConfig, type Report } from './index.ts';

export interface EvalResult {
  report: Report;
  config: EvalConfig;
  failed: { type: string; f1: number; min: number }[];
}

export async function runEval(dir: string, configPath: string): Promise<EvalResult> {
  const gold = loadGold(dir);
  const files: VbFile[] = [];
  for await (const f of run(gold.map((g) => join(dir, g.file)))) files.push(f);
  const report = evaluate(gold, files);
  const config = loadConfig(configPath);
  return { report, config, failed: failures(report, config) };
}
