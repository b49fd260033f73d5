import { useApolloClient } from '@apollo/client/react';
import { Badge, Flex, Link, Stack, Text } from '@chakra-ui/react';
import type { MouseEvent } from 'react';
import { getFragmentData, graphql, type FragmentType } from '../gql';
import { formatSize } from './file-upload';

export const AttachmentFileFragment = graphql(`
  fragment AttachmentFile on Attachment {
    id
    fileName
    contentType
    sizeBytes
    downloadUrl
  }
`);

export const AttachmentLinkQuery = graphql(`
  query AttachmentLink($id: ID!) {
    attachment(id: $id) {
      id
      downloadUrl
    }
  }
`);

/** A short label of the file's kind, shown beside its name. */
function kindOf(fileName: string, contentType: string): string {
  const known: Record<string, string> = {
    'application/pdf': 'PDF',
    'image/png': 'PNG',
    'image/jpeg': 'JPEG',
    'application/dicom': 'DICOM',
    'text/plain': 'TEXT',
  };
  return known[contentType] ?? (fileName.split('.').pop() ?? 'FILE').toUpperCase();
}

/**
 * Files of a message or a lab order, each a download link minted afresh when followed: the
 * links last minutes, and a page may have been open for longer.
 */
export function AttachmentList({
  attachments,
  label = 'Attached files',
}: {
  attachments: readonly FragmentType<typeof AttachmentFileFragment>[];
  label?: string;
}) {
  const client = useApolloClient();
  const files = attachments.map((attachment) => getFragmentData(AttachmentFileFragment, attachment));
  if (files.length === 0) {
    return null;
  }
  const follow = async (event: MouseEvent<HTMLAnchorElement>, id: string) => {
    event.preventDefault();
    const loaded = event.currentTarget.href;
    const fresh = await client
      .query({ query: AttachmentLinkQuery, variables: { id }, fetchPolicy: 'network-only' })
      .catch(() => undefined);
    window.location.assign(fresh?.data?.attachment?.downloadUrl ?? loaded);
  };
  return (
    <Stack as="ul" gap="1" p="0" m="0" mt="2" listStyleType="none" aria-label={label}>
      {files.map((file) => (
        <Flex as="li" key={file.id} gap="2" align="baseline" wrap="wrap">
          <Badge variant="outline" size="sm" aria-hidden="true">
            {kindOf(file.fileName, file.contentType)}
          </Badge>
          <Link
            href={file.downloadUrl}
            onClick={(event) => void follow(event, file.id)}
            color="brand.fg"
            fontWeight="medium"
            wordBreak="break-all"
          >
            {file.fileName}
          </Link>
          <Text fontSize="xs" color="fg.muted">
            {formatSize(file.sizeBytes)}
          </Text>
        </Flex>
      ))}
    </Stack>
  );
}
