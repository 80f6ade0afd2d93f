// Named checks for the scripts that drive a real VS Code (the .vsix smoke test, the web suite): each prints ✔ or ✘
// as it settles, and the closing `N passed, N failed` line is one that CI reads.

/** A fresh list of results, the `check` that adds to it, and `summary()`, which prints the closing line and returns the exit code. */
export function checks() {
  const results = [];
  const check = async (name, body) => {
    try {
      await body();
      results.push(true);
      console.log(`✔ ${name}`);
    } catch (err) {
      results.push(false);
      console.log(`✘ ${name}: ${err.message.split('\n')[0]}`);
    }
  };
  const summary = () => {
    const passed = results.filter(Boolean).length;
    console.log(`${passed} passed, ${results.length - passed} failed`);
    return results.length > 0 && results.every(Boolean) ? 0 : 1;
  };
  return { results, check, summary };
}
