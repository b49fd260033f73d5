import { IsEmail, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';

/** What every new account gives: who they are and how they sign in. */
@InputType()
export class NewAccountInput {
  @Field({ description: 'Sign-in address; unique regardless of case.' })
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(254)
  email!: string;

  @Field({ description: 'At least 10 characters, and not the email address.' })
  @IsString()
  password!: string;

  @Field({ description: 'Given name.' })
  @IsNotEmpty({ message: 'is required' })
  @MaxLength(100)
  firstName!: string;

  @Field({ description: 'Family name.' })
  @IsNotEmpty({ message: 'is required' })
  @MaxLength(100)
  lastName!: string;
}
