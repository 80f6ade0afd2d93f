// `util` for xml-crypto in the web bundle: it wraps its deprecated exports in util.deprecate when it loads; in the
// browser they are passed through unwrapped (the extension calls none of them).
export const deprecate = (fn) => fn;
export default { deprecate };
