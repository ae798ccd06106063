import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sectionMarkers, writeBenchmarkSection } from '../../bench/benchDocs';
import { tempDir } from '../helpers/fixtures';

describe('writeBenchmarkSection', () => {
  const { start, end } = sectionMarkers('demo');
  const other = '<!-- other:start -->\nother numbers\n<!-- other:end -->';

  it("replaces only its own section, leaving the other benchmarks' as they are", () => {
    const file = path.join(tempDir(), 'benchmarks.md');
    writeFileSync(file, `# Benchmarks\n\n${start}\nold\n${end}\n\n${other}\n`);
    writeBenchmarkSection('demo', `${start}\nnew\n${end}\n`, file);
    expect(readFileSync(file, 'utf8')).toBe(`# Benchmarks\n\n${start}\nnew\n${end}\n\n${other}\n`);
  });

  it('appends the section the first time, and refuses a body without its markers', () => {
    const file = path.join(tempDir(), 'benchmarks.md');
    writeFileSync(file, `# Benchmarks\n\n${other}\n`);
    writeBenchmarkSection('demo', `${start}\nfirst\n${end}`, file);
    expect(readFileSync(file, 'utf8')).toBe(`# Benchmarks\n\n${other}\n\n${start}\nfirst\n${end}\n`);
    expect(() => writeBenchmarkSection('demo', 'no markers', file)).toThrow(/markers/);
  });
});
