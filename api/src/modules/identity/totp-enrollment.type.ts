import { Field, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A new authenticator secret, shown once; confirm it with `confirmTotpEnrollment`.' })
export class TotpEnrollment {
  @Field({ description: 'The secret in Base32, for typing into an authenticator app by hand.' })
  secret!: string;

  @Field({ description: 'The `otpauth://totp/…` URI (RFC 6238 parameters) to show as a QR code.' })
  otpauthUri!: string;
}
