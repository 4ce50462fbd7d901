// The tests moved to the neutral stats/ module so kpi/ and api/ can use the same ones without
// importing alerts internals; this re-export keeps the rules' imports working.
export * from '../stats/binomial.ts';
