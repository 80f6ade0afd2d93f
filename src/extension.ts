export function activate(): void { /* wired in the next step */ }
