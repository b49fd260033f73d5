import { chakra } from '@chakra-ui/react';

/** A `<form>` laid out like a Stack (column, `gap`): forms check their own fields, so `noValidate`. */
export const FormStack = chakra('form', { base: { display: 'flex', flexDirection: 'column' } });
