import type { AnticipatedQuestion } from '../core/types.js';

/**
 * An anticipated question's embeddings, kept apart from its JSON body (see 0003-question-vectors):
 * `embedding` (the question's own vector, what ranks a DM's channels by meaning) in one column,
 * its paraphrases' and look-alikes' vectors in another. Each vector is base64 of its
 * little-endian float64 values: exact (a vector reads back equal), half the size of JSON numbers,
 * and decoded without a number parser. Embeddings are the bulk of a learned context (20 questions
 * × 10 wordings × 1,536 dimensions).
 */
export interface QuestionVectorColumns {
  body: AnticipatedQuestion;
  embedding: string | null;
  vectors: string | null;
}

interface StoredVectors {
  paraphraseEmbeddings?: string[];
  lookalikeEmbeddings?: string[];
}

export function encodeVector(vector: readonly number[]): string {
  const bytes = Buffer.alloc(vector.length * 8);
  vector.forEach((value, i) => bytes.writeDoubleLE(value, i * 8));
  return bytes.toString('base64');
}

export function decodeVector(text: string): number[] {
  const bytes = Buffer.from(text, 'base64');
  const vector = new Array<number>(Math.floor(bytes.length / 8));
  for (let i = 0; i < vector.length; i++) vector[i] = bytes.readDoubleLE(i * 8);
  return vector;
}

/** Splits a question into its body without vectors and the two vector columns (null when absent). */
export function splitVectors(question: AnticipatedQuestion): QuestionVectorColumns {
  const { embedding, paraphraseEmbeddings, lookalikeEmbeddings, ...body } = question;
  const rest: StoredVectors = {};
  if (paraphraseEmbeddings) rest.paraphraseEmbeddings = paraphraseEmbeddings.map(encodeVector);
  if (lookalikeEmbeddings) rest.lookalikeEmbeddings = lookalikeEmbeddings.map(encodeVector);
  return {
    body,
    embedding: embedding ? encodeVector(embedding) : null,
    vectors: paraphraseEmbeddings || lookalikeEmbeddings ? JSON.stringify(rest) : null,
  };
}

/** The question with its vectors put back. */
export function withVectors(body: AnticipatedQuestion, embedding: string | null, vectors: string | null): AnticipatedQuestion {
  if (embedding === null && vectors === null) return body;
  const question: AnticipatedQuestion = { ...body };
  if (embedding !== null) question.embedding = decodeVector(embedding);
  if (vectors !== null) {
    const rest = JSON.parse(vectors) as StoredVectors;
    if (rest.paraphraseEmbeddings) question.paraphraseEmbeddings = rest.paraphraseEmbeddings.map(decodeVector);
    if (rest.lookalikeEmbeddings) question.lookalikeEmbeddings = rest.lookalikeEmbeddings.map(decodeVector);
  }
  return question;
}
