import { useApolloClient, useMutation } from '@apollo/client/react';
import { Badge, Box, Button, CloseButton, Flex, Link, Stack, Text } from '@chakra-ui/react';
import { useRef, useState } from 'react';
import type { ChangeEvent, MouseEvent } from 'react';
import { getFragmentData, type FragmentType } from '../../gql';
import type { CreateAttachmentUploadInput } from '../../gql/graphql';
import { plainMessage } from '../../shared/graphql-errors';
import { AttachmentLinkQuery, CreateMessageUploadMutation, MessageAttachmentFragment } from './operations';

/** What the API takes (files/content-check.ts), and how the file picker offers it. */
const ACCEPTED = ['application/pdf', 'image/png', 'image/jpeg', 'application/dicom', 'text/plain'];
const ACCEPT_ATTRIBUTE = '.pdf,.png,.jpg,.jpeg,.dcm,.txt,' + ACCEPTED.join(',');
const MAX_BYTES = 25 * 1024 * 1024;
const MAX_FILES = 10;

export function formatSize(bytes: number): string {
  if (bytes < 1024) {
    return `${bytes} B`;
  }
  if (bytes < 1024 * 1024) {
    return `${Math.round(bytes / 1024)} KB`;
  }
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

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

/** The type the browser reports, or one from the name where browsers report none (DICOM). */
function contentTypeOf(file: File): string {
  if (file.type) {
    return file.type === 'image/jpg' ? 'image/jpeg' : file.type;
  }
  return /\.dcm$/i.test(file.name) ? 'application/dicom' : '';
}

/** A message's files, each a download link minted afresh when followed (links last minutes). */
export function AttachmentList({
  attachments,
}: {
  attachments: readonly FragmentType<typeof MessageAttachmentFragment>[];
}) {
  const client = useApolloClient();
  const files = attachments.map((attachment) => getFragmentData(MessageAttachmentFragment, attachment));
  if (files.length === 0) {
    return null;
  }
  const follow = async (event: MouseEvent<HTMLAnchorElement>, id: string) => {
    event.preventDefault();
    const fresh = await client
      .query({ query: AttachmentLinkQuery, variables: { id }, fetchPolicy: 'network-only' })
      .catch(() => undefined);
    const url = fresh?.data?.attachment?.downloadUrl ?? event.currentTarget.href;
    window.location.assign(url);
  };
  return (
    <Stack as="ul" gap="1" p="0" m="0" mt="2" listStyleType="none" aria-label="Attached files">
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

export interface PendingFile {
  readonly key: string;
  readonly file: File;
  readonly state: 'picked' | 'uploading' | 'ready' | 'failed';
  readonly attachmentId?: string;
  readonly problem?: string;
}

/** Why the API would refuse this file, checked before sending it; undefined when it may go. */
function problemOf(file: File): string | undefined {
  if (!ACCEPTED.includes(contentTypeOf(file))) {
    return 'Only PDF, PNG, JPEG, DICOM or plain text files can be sent.';
  }
  if (file.size === 0) {
    return 'This file is empty.';
  }
  return file.size > MAX_BYTES ? `Files can be at most ${formatSize(MAX_BYTES)}.` : undefined;
}

type StartUpload = (
  input: CreateAttachmentUploadInput,
) => Promise<{ uploadUrl: string; attachment: { id: string } } | undefined>;

/** Uploads one file into a conversation (createAttachmentUpload, then PUT to the signed URL); its id once READY. */
async function uploadInto(startUpload: StartUpload, file: File, threadId: string, patientId: string): Promise<string> {
  const contentType = contentTypeOf(file);
  const upload = await startUpload({
    patientId,
    messageThreadId: threadId,
    fileName: file.name,
    contentType,
    sizeBytes: file.size,
  });
  if (!upload) {
    throw new Error('The upload could not start.');
  }
  const put = await fetch(upload.uploadUrl, { method: 'PUT', body: file, headers: { 'Content-Type': contentType } });
  const body = (await put.json().catch(() => undefined)) as { errors?: { message?: string }[] } | undefined;
  if (!put.ok) {
    throw new Error(body?.errors?.[0]?.message ?? 'The file was refused.');
  }
  return upload.attachment.id;
}

/**
 * Files for the next message. In a conversation (`threadId` known) each is uploaded into it as
 * soon as it is picked; when composing a new one, they wait until `uploadAll` gets the new thread.
 */
export function useMessageUploads(target: { threadId: string; patientId: string } | undefined) {
  const [files, setFiles] = useState<PendingFile[]>([]);
  const [createUpload] = useMutation(CreateMessageUploadMutation);
  const startUpload: StartUpload = async (input) =>
    (await createUpload({ variables: { input } })).data?.createAttachmentUpload;
  const update = (key: string, change: Partial<PendingFile>) =>
    setFiles((current) => current.map((entry) => (entry.key === key ? { ...entry, ...change } : entry)));

  const upload = async (entry: PendingFile, threadId: string, patientId: string): Promise<string | undefined> => {
    update(entry.key, { state: 'uploading' });
    try {
      const attachmentId = await uploadInto(startUpload, entry.file, threadId, patientId);
      update(entry.key, { state: 'ready', attachmentId });
      return attachmentId;
    } catch (error) {
      update(entry.key, { state: 'failed', problem: plainMessage(error) });
      return undefined;
    }
  };

  const add = (picked: readonly File[]) => {
    const room = Math.max(MAX_FILES - files.length, 0);
    const entries = picked.slice(0, room).map((file): PendingFile => {
      const problem = problemOf(file);
      return {
        key: `${file.name}-${file.size}-${Math.random().toString(36).slice(2)}`,
        file,
        state: problem ? 'failed' : 'picked',
        problem,
      };
    });
    setFiles((current) => [...current, ...entries]);
    if (target) {
      entries
        .filter((entry) => entry.state === 'picked')
        .forEach((entry) => void upload(entry, target.threadId, target.patientId));
    }
  };

  return {
    files,
    add,
    /** Uploads every picked file into a conversation just started; the ids of those that made it. */
    uploadAll: async (threadId: string, patientId: string): Promise<string[]> => {
      const ids = await Promise.all(
        files.filter((entry) => entry.state === 'picked').map((entry) => upload(entry, threadId, patientId)),
      );
      return ids.filter((id): id is string => Boolean(id));
    },
    remove: (key: string) => setFiles((current) => current.filter((entry) => entry.key !== key)),
    clear: () => setFiles([]),
    readyIds: files.flatMap((entry) => (entry.state === 'ready' && entry.attachmentId ? [entry.attachmentId] : [])),
    busy: files.some((entry) => entry.state === 'uploading'),
    full: files.length >= MAX_FILES,
  };
}

const STATE_LABEL = { picked: 'To send', uploading: 'Uploading…', ready: 'Ready' } as const;

/** "Attach files" and the files picked so far, each with its state and a way to take it out. */
export function AttachmentPicker({ uploads }: { uploads: ReturnType<typeof useMessageUploads> }) {
  const input = useRef<HTMLInputElement>(null);
  const onPick = (event: ChangeEvent<HTMLInputElement>) => {
    uploads.add(Array.from(event.target.files ?? []));
    event.target.value = '';
  };
  return (
    <Stack gap="2">
      <input
        ref={input}
        type="file"
        multiple
        accept={ACCEPT_ATTRIBUTE}
        onChange={onPick}
        aria-label="Attach files"
        style={{ display: 'none' }}
        data-testid="attach-input"
      />
      {uploads.files.length > 0 ? (
        <Stack as="ul" gap="1" p="0" m="0" listStyleType="none" aria-label="Files to send">
          {uploads.files.map((file) => (
            <Flex
              as="li"
              key={file.key}
              gap="2"
              align="center"
              borderWidth="1px"
              borderRadius="l2"
              px="2"
              py="1"
              borderColor={file.state === 'failed' ? 'border.error' : 'border'}
            >
              <Box flex="1" minW="0">
                <Text fontSize="sm" fontWeight="medium" truncate>
                  {file.file.name}
                </Text>
                <Text fontSize="xs" color={file.state === 'failed' ? 'fg.error' : 'fg.muted'}>
                  {file.state === 'failed'
                    ? file.problem
                    : `${STATE_LABEL[file.state]} · ${formatSize(file.file.size)}`}
                </Text>
              </Box>
              <CloseButton
                size="xs"
                aria-label={`Remove ${file.file.name}`}
                onClick={() => uploads.remove(file.key)}
                disabled={file.state === 'uploading'}
              />
            </Flex>
          ))}
        </Stack>
      ) : null}
      <Button
        variant="outline"
        size="sm"
        alignSelf="start"
        onClick={() => input.current?.click()}
        disabled={uploads.full}
      >
        Attach files
      </Button>
    </Stack>
  );
}
