// The console's formatting is the one home shared with the notifications (protocol/format.ts).
export * from '../../protocol/format';
