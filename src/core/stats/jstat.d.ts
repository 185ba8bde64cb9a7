// jstat 1.9 ships no type declarations. Only the few functions the stats core calls are typed here,
// so a new use of jStat has to be declared (and checked against jstat's source) deliberately.
declare module 'jstat' {
  interface JStatStudentT {
    cdf(x: number, dof: number): number;
    inv(p: number, dof: number): number;
  }
  interface JStatNormal {
    cdf(x: number, mean: number, sd: number): number;
    inv(p: number, mean: number, sd: number): number;
  }
  interface JStatStatic {
    studentt: JStatStudentT;
    normal: JStatNormal;
  }
  const jStat: JStatStatic;
  export default jStat;
}
