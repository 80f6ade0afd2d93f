// A mocha reporter for the extension host: writes a spec-style report to the file named by
// FRONTLINE_SSO_HOST_REPORT (the launcher streams it), and to the console for a desktop VS Code run.
// In code-server the extension host's console reaches the launcher only re-wrapped as workbench log lines.
const { appendFileSync } = require('node:fs');

module.exports = class FileReporter {
  constructor(runner) {
    const file = process.env.FRONTLINE_SSO_HOST_REPORT;
    const write = (line) => {
      if (file) appendFileSync(file, line + '\n');
      else console.log(line);
    };
    let depth = 0;
    let passes = 0;
    const failures = [];
    const indent = () => '  '.repeat(depth);
    runner.on('suite', (suite) => {
      if (suite.title) write(`${indent()}${suite.title}`);
      depth++;
    });
    runner.on('suite end', () => {
      depth--;
    });
    runner.on('pass', (test) => {
      passes++;
      write(`${indent()}✔ ${test.title} (${test.duration} ms)`);
    });
    runner.on('fail', (test, err) => {
      failures.push({ test, err });
      write(`${indent()}✘ ${failures.length}) ${test.title}`);
    });
    runner.on('pending', (test) => write(`${indent()}- ${test.title} (pending)`));
    runner.once('end', () => {
      failures.forEach(({ test, err }, i) => {
        write(
          `\n${i + 1}) ${test.fullTitle()}\n   ${String((err && err.stack) || err)
            .split('\n')
            .join('\n   ')}`,
        );
      });
      // A closing line that CI recognises in any language: "N passed, N failed".
      write(`\n${passes} passed, ${failures.length} failed`);
    });
  }
};
