export const NOTE_KINDS = ['fact', 'decision', 'owner', 'date', 'number', 'open_question'];
