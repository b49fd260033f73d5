import { useMutation } from '@apollo/client/react';
import { useCallback } from 'react';
import { graphql } from '../gql';
import type { CreateAttachmentUploadInput } from '../gql/graphql';

/** What the API takes (api/src/modules/files/content-check.ts), and how a file picker offers it. */
export const ACCEPTED_TYPES = ['application/pdf', 'image/png', 'image/jpeg', 'application/dicom', 'text/plain'];
export const ACCEPT_ATTRIBUTE = '.pdf,.png,.jpg,.jpeg,.dcm,.txt,' + ACCEPTED_TYPES.join(',');
export const MAX_UPLOAD_BYTES = 25 * 1024 * 1024;

export const CreateAttachmentUploadMutation = graphql(`
  mutation CreateAttachmentUpload($input: CreateAttachmentUploadInput!) {
    createAttachmentUpload(input: $input) {
      uploadUrl
      attachment {
        id
        status
      }
    }
  }
`);

export function formatSize(bytes: number): string {
  if (bytes < 1024) {
    return `${bytes} B`;
  }
  if (bytes < 1024 * 1024) {
    return `${Math.round(bytes / 1024)} KB`;
  }
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The type the browser reports, or one from the name where browsers report none (DICOM). */
export function contentTypeOf(file: File): string {
  if (file.type) {
    return file.type === 'image/jpg' ? 'image/jpeg' : file.type;
  }
  return /\.dcm$/i.test(file.name) ? 'application/dicom' : '';
}

/** Why the API would refuse this file, checked before sending it; undefined when it may go. */
export function uploadProblem(file: File): string | undefined {
  if (!ACCEPTED_TYPES.includes(contentTypeOf(file))) {
    return 'Only PDF, PNG, JPEG, DICOM or plain text files can be sent.';
  }
  if (file.size === 0) {
    return 'This file is empty.';
  }
  return file.size > MAX_UPLOAD_BYTES ? `Files can be at most ${formatSize(MAX_UPLOAD_BYTES)}.` : undefined;
}

/** Where a file goes: its patient and the one thing it is attached to (a conversation, a lab order…). */
export type UploadTarget = Omit<CreateAttachmentUploadInput, 'fileName' | 'contentType' | 'sizeBytes'>;

/**
 * Uploads one file: `createAttachmentUpload`, then the bytes PUT to the signed URL. Resolves to the
 * attachment's id once the API has checked and kept the file; rejects with a message a person can
 * read (the API's reason when it refused the file).
 */
export function useFileUpload(): (file: File, target: UploadTarget) => Promise<string> {
  const [createUpload] = useMutation(CreateAttachmentUploadMutation);
  return useCallback(
    async (file, target) => {
      const problem = uploadProblem(file);
      if (problem) {
        throw new Error(problem);
      }
      const contentType = contentTypeOf(file);
      const answer = await createUpload({
        variables: { input: { ...target, fileName: file.name, contentType, sizeBytes: file.size } },
      });
      const upload = answer.data?.createAttachmentUpload;
      if (!upload) {
        throw new Error('The upload could not start.');
      }
      const put = await fetch(upload.uploadUrl, {
        method: 'PUT',
        body: file,
        headers: { 'Content-Type': contentType },
      });
      const body = (await put.json().catch(() => undefined)) as { errors?: { message?: string }[] } | undefined;
      if (!put.ok) {
        throw new Error(body?.errors?.[0]?.message ?? 'The file was refused.');
      }
      return upload.attachment.id;
    },
    [createUpload],
  );
}
