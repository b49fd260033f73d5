import { Query, Resolver } from 'type-graphql';
import { DateTimeScalar } from '../shared/scalars.js';

@Resolver()
export class ServerInfoResolver {
  @Query(() => DateTimeScalar, {
    description: "The server's clock, so clients can show times consistently. Open to everyone.",
  })
  serverTime(): Date {
    return new Date();
  }
}
