// mocha's browser build (mocha/mocha.js): the instance it makes, as the web suite uses it.
declare module 'mocha/mocha.js' {
  const mocha: {
    setup(options: { ui: 'bdd'; timeout: number; reporter: never; forbidOnly: boolean }): void;
    run(done: (failures: number) => void): unknown;
  };
  export default mocha;
}
