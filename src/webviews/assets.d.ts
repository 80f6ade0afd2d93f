// Stylesheets imported for esbuild, which emits them as the bundle's .css file.
declare module '*.css';
