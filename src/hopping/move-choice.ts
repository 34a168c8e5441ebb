/**
 * The 'adaptive' reseed: after each local search, a walker picks the next start by a displacement
 * from its last accepted minimum (basin hopping) or by a fresh draw from the initialization
 * (multistart), whichever has found new lowest losses at the higher rate per evaluation so far.
 *
 * Neither move wins everywhere, measured on the suite with a fixed choice: fresh draws reached
 * Rastrigin-2's and XOR-ReLU's global minimum in a third of basin hopping's evaluations, while on
 * Rastrigin-5 basin hopping took a fifth fewer than multistart. The rate of each move is
 * (wins + 1) / (evaluations + prior), with `prior` one local search's cost: a move not tried yet
 * counts as good as one that just won, and a move that keeps failing loses ground to the other in
 * proportion to what its failures cost, so neither is shut out for good. No random number is
 * drawn, so the choice adds nothing to the walker's stream.
 */

/** A reseed move. */
export type Move = 'displace' | 'restart';

/** The trials of one move: how many, how many found a new lowest L(θ), and their evaluations. */
export interface MoveCounts {
  trials: number;
  wins: number;
  evaluations: number;
}

export function freshMoveCounts(): Record<Move, MoveCounts> {
  return { displace: { trials: 0, wins: 0, evaluations: 0 }, restart: { trials: 0, wins: 0, evaluations: 0 } };
}

/**
 * The move with the higher rate of wins per evaluation, each with one win over `prior`
 * evaluations added; a tie goes to 'displace'.
 *
 * @example
 * const moves = freshMoveCounts();
 * chooseMove(moves, 40); // 'displace': nothing tried yet
 * moves.displace = { trials: 1, wins: 0, evaluations: 30 };
 * chooseMove(moves, 40); // 'restart': 1/40 > 1/70
 */
export function chooseMove(moves: Record<Move, MoveCounts>, prior: number): Move {
  const rate = (c: MoveCounts) => (c.wins + 1) / (c.evaluations + prior);
  return rate(moves.restart) > rate(moves.displace) ? 'restart' : 'displace';
}

/**
 * Counts a finished trial of `move` that cost `evaluations` and did (`won`) or did not find a new
 * lowest loss.
 *
 * @example
 * const moves = freshMoveCounts();
 * recordMove(moves, 'restart', 25, true);
 * moves.restart; // { trials: 1, wins: 1, evaluations: 25 }
 */
export function recordMove(moves: Record<Move, MoveCounts>, move: Move, evaluations: number, won: boolean): void {
  const c = moves[move];
  c.trials += 1;
  c.evaluations += evaluations;
  if (won) c.wins += 1;
}
