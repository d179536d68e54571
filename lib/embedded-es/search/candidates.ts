/** Matching documents of a search across views, as parallel typed arrays. */
export class Candidates {
  view: Uint32Array;
  ord: Uint32Array;
  score: Float64Array;
  length = 0;

  constructor(capacity = 1024) {
    this.view = new Uint32Array(capacity);
    this.ord = new Uint32Array(capacity);
    this.score = new Float64Array(capacity);
  }

  push(view: number, ord: number, score: number): void {
    if (this.length === this.view.length) {
      const grow = <T extends Uint32Array | Float64Array>(a: T): T => {
        const next = new (a.constructor as new (n: number) => T)(a.length * 2);
        next.set(a);
        return next;
      };
      this.view = grow(this.view);
      this.ord = grow(this.ord);
      this.score = grow(this.score);
    }
    this.view[this.length] = view;
    this.ord[this.length] = ord;
    this.score[this.length] = score;
    this.length++;
  }
}
